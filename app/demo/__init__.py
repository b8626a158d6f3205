"""A small relying party served by ``serve --demo`` to show the whole flow."""
