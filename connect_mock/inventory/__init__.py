"""What numbers exist to be offered: libphonenumber's plans (shipped as data), the keyed
permutation that orders them, fixture files, and the ordered inventory of one query."""
