"""What acts on page text: citations, math (mathml, math_font), the glossary, the ledger,
the register of quantities, corrections; courses.py and reading.py are their hooks."""
