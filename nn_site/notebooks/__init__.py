"""The notebook pages: execution (nbconvert settings), the kernel and its guard, figures,
output limits, and the pages' cleaning."""
