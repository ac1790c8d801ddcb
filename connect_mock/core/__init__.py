"""The bottom layer: operations and their declared errors, errors, the virtual clock, call
records and NextToken codec. Imports nothing of connect_mock but the moto adapter."""
