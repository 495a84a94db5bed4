"""Numbers on the Arabic pages: Western digits as Morocco writes them, a comma before
decimals and a narrow space between thousands (25 570 000,00), never a bare run of digits.
Dates keep Django's Arabic formats."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u202f"
NUMBER_GROUPING = 3
