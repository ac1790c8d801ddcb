"""HTTP: the operation table (each served operation's handler), routing by botocore's model,
request parsing and validation, serialization, and the intercept (faults and call recording)
around every Connect request."""
