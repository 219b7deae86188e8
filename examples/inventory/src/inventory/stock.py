"""Counting what is in stock."""

from __future__ import annotations

from inventory.items import Item


class StockError(Exception):
    def __init__(self, sku: str) -> None:
        super().__init__(sku)
        self.sku = sku


class Stock:
    __slots__ = ("levels",)

    def __init__(self) -> None:
        self.levels: dict[str, int] = {}
        self.history: list[tuple[str, int]] = []

    def add(self, item: Item, count: int) -> None:
        self.levels[item.sku] = self.levels.get(item.sku, 0) + count
        self.history.append((item.sku, count))

    def take(self, item: Item, count: int) -> None:
        if self.levels.get(item.sku, 0) < count:
            raise StockError(item.sku)
        self.levels[item.sku] -= count
        self.history.append((item.sku, -count))
