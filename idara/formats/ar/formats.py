"""Numbers on the Arabic pages: Western digits as Morocco writes them, a comma before
decimals and a no-break space between thousands (25 570 000,00, as on the French pages),
never a bare run of digits. Dates keep Django's Arabic formats."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
