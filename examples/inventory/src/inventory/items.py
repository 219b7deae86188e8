"""Things kept in stock."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


class Item:
    """Something with a name and a price."""

    def __init__(self, sku: str, name: str, price: float) -> None:
        self.sku = sku
        self.name = name
        self.price = price

    def discounted(self, rate: float) -> float:
        return round(self.price * (1 - rate), 2)


class Perishable(Item):
    """An item with a best-before date."""

    def __init__(self, sku: str, name: str, price: float, best_before: datetime.date) -> None:
        super().__init__(sku, name, price)
        self.best_before = best_before

    def expired(self, today: datetime.date) -> bool:
        return today > self.best_before


@dataclass
class Location:
    aisle: int
    shelf: int


class Category:
    taxable = True  # a class-level default: autoslot leaves this class alone

    def __init__(self, label: str) -> None:
        self.label = label

    def exempt(self) -> None:
        self.taxable = False
