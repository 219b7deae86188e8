"""A small inventory package to try autoslot on."""

from inventory.items import Item, Perishable
from inventory.stock import Stock

__all__ = ["Item", "Perishable", "Stock"]
