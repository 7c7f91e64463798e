"""The print page (mkdocs-print-site): its fixes."""
