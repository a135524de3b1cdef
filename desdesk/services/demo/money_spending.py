"""How the demo spreads a year's money over movements: the days, the amounts, the
descriptions, the counterparty (a member active on the day, or an outside party), cash
or bank."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from desdesk.domain.money import ZERO, to_cents
from desdesk.domain.money_enums import Account, FundingSource
from desdesk.money_schemas import InvestmentInput
from desdesk.schemas import MemberEntry
from desdesk.services.demo import money_words as words
from desdesk.services.demo.money_fees import PlannedMovement
from desdesk.services.demo.money_words import MEMBER, Item
from desdesk.services.demo.plan import Context

BASE_MEMBERS = 60  # the size the amounts are written for
_PICK_ATTEMPTS = 40
_CASH, _BANK = Account.CASH.value, Account.BANK.value
_PAYMENT_TEXTS = {description: text for description, text, _a, _s in words.INVESTMENTS} | {
    words.FUTURE_INVESTMENT[0]: words.FUTURE_INVESTMENT[1]
}


def is_income(code: str) -> bool:
    """Modello D's income codes start with E (entrate), the others are uscite."""
    return code.startswith("E")


def round_to(amount: Decimal | float | int, step: int) -> Decimal:
    """`amount` to the nearest multiple of `step` euros (at least one step), with cents."""
    steps = max(1, round(Decimal(str(amount)) / step))
    return to_cents(Decimal(steps * step))


def cents(amount: float) -> Decimal:
    return to_cents(Decimal(str(round(amount, 2))))


@dataclass(frozen=True, slots=True)
class Frame:
    """One financial year as the generator sees it."""

    year: int
    index: int  # years since the founding year
    start: date  # the founding day in the founding year, else 1 January
    size: float  # the district's size against BASE_MEMBERS, damped
    topic: str  # the year's project

    @property
    def fraction(self) -> float:
        """The share of the year the district existed in."""
        end = date(self.year, 12, 31)
        return ((end - self.start).days + 1) / ((end - date(self.year, 1, 1)).days + 1)


class Spender:
    def __init__(self, ctx: Context, entries: Sequence[MemberEntry]) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self._names = [entry.member.name for entry in entries]
        self._spans = [
            (entry.member.joined_on or ctx.founded, entry.left_on or date.max) for entry in entries
        ]
        territory = ctx.territory
        self._fill = {
            "town": territory.main_town.name,
            "community": territory.community,
            "territory": territory.name,
        }
        self._counts: dict[int, int] = {}

    def active_count(self, year: int) -> int:
        """Members in the district at any time in `year`."""
        if year not in self._counts:
            first, last = date(year, 1, 1), date(year, 12, 31)
            self._counts[year] = sum(1 for j, left in self._spans if j <= last and left >= first)
        return self._counts[year]

    def size_at(self, year: int) -> float:
        return max(0.3, (self.active_count(year) / BASE_MEMBERS) ** 0.75)

    def frame(self, year: int, index: int) -> Frame:
        start = max(date(year, 1, 1), self.ctx.founded)
        return Frame(year, index, start, self.size_at(year), self.rng.choice(words.TOPICS))

    def availability(self, items: Sequence[Item], frame: Frame) -> float:
        """The weight of the items already in use in the year over all of them."""
        active = sum(item.weight for item in items if item.since <= frame.index)
        return active / sum(item.weight for item in items)

    def spread(self, items: Sequence[Item], budget: float, frame: Frame) -> list[PlannedMovement]:
        """About `budget` euros over the items in use, by their (jittered) weights."""
        active = [(item, item.weight * self.rng.uniform(0.8, 1.2)) for item in items]
        active = [(item, weight) for item, weight in active if item.since <= frame.index]
        total = sum(weight for _item, weight in active)
        if budget <= 0 or not active:
            return []
        movements = []
        for item, weight in active:
            movements += self._item(item, budget * weight / total, frame)
        return movements

    def grants(self, frame: Frame, total: float) -> list[PlannedMovement]:
        """About `total` euros of public money: the 5 per mille from the third year, then
        the Provincia (acconto and saldo), the Comune and, from the second year, a
        convention with the Comunità di valle."""
        rng = self.rng
        movements = []
        if frame.index >= 2:
            five = total * rng.uniform(0.02, 0.04)
            total -= five
            movements.append(
                PlannedMovement(
                    self._day_in(frame, 7, 10),
                    cents(five),
                    "EA5",
                    words.FIVE_PER_THOUSAND.format(year=frame.year - 2),
                    counterparty="Ministero del Lavoro e delle Politiche Sociali",
                )
            )
        grants = [g for g in words.PUBLIC_GRANTS if g[0] != "EA9" or frame.index >= 1]
        weights = sum(grant[1] for grant in grants)
        for code, weight, tranches, text, payer in grants:
            parts = ((0.6, 4, 6), (0.4, 10, 12)) if tranches == 2 else ((1.0, 6, 12),)
            for number, (part, first_month, last_month) in enumerate(parts):
                fill = self._fill | {"year": str(frame.year), "tranche": words.TRANCHES[number]}
                movements.append(
                    PlannedMovement(
                        self._day_in(frame, first_month, last_month),
                        round_to(total * weight / weights * part, 10),
                        code,
                        text.format(**fill),
                        counterparty=payer.format(**fill),
                        document_ref=f"Determinazione n. {rng.randint(12, 980)}/{frame.year}",
                    )
                )
        return movements

    def investment(self, frame: Frame, investment: InvestmentInput) -> PlannedMovement:
        """The payment of an initial investment in its year."""
        return PlannedMovement(
            self._day_in(frame, 3, 11),
            investment.amount,
            "UI1",
            _PAYMENT_TEXTS.get(investment.description, investment.description),
            document_ref=f"Fatt. n. {self.rng.randint(1, 250)}/{frame.year}",
        )

    def funding(self, frame: Frame, public: Decimal, private: Decimal) -> list[PlannedMovement]:
        """A contribution of the Provincia and private money: from the founders in the
        founding year, from the Cassa Rurale later."""
        fill = self._fill | {"year": str(frame.year)}
        start = frame.index == 0
        movements = [
            PlannedMovement(
                self._day_in(frame, 1, 4),
                public,
                "EA8",
                (words.START_UP_GRANT if start else words.EXTRA_GRANT).format(**fill),
                counterparty="Provincia autonoma di Trento",
                document_ref=f"Determinazione n. {self.rng.randint(12, 980)}/{frame.year}",
            )
        ]
        founders = [i for i, (joined, _left) in enumerate(self._spans) if joined == frame.start]
        if not start or not founders:
            text = words.EXTRA_PRIVATE.format(**fill)
            party = words.EXTRA_PRIVATE_PARTY.format(**fill)
            day = self._day_in(frame, 1, 4)
            return [*movements, PlannedMovement(day, private, "EA6", text, counterparty=party)]
        founders = founders[:6]
        share = round_to(private / len(founders), 10)
        for founder in founders:
            movements.append(
                PlannedMovement(
                    self._day_in(frame, 1, 4),
                    share,
                    "EA1",
                    words.FOUNDER_CONTRIBUTION,
                    source=FundingSource.MEMBER_FEES.value,
                    member=founder,
                )
            )
        return movements

    def balance_cash(
        self, opening: Decimal, movements: list[PlannedMovement]
    ) -> list[PlannedMovement]:
        """The year's movements with the cash box ending between zero and a few hundred
        euros: the largest cash payments go through the bank while it would end below
        zero, the largest cash receipts while it would hold too much (paid in at once)."""
        ceiling = Decimal(round(400 * self.size_at(movements[0].day.year))) if movements else ZERO
        cash = opening
        for movement in movements:
            if movement.account == _CASH:
                cash += movement.amount if is_income(movement.code) else -movement.amount
        result = list(movements)
        for index in sorted(range(len(result)), key=lambda i: -result[i].amount):
            movement = result[index]
            if movement.account != _CASH:
                continue
            income = is_income(movement.code)
            too_much = income and cash > ceiling and cash - movement.amount >= ZERO
            if too_much or (cash < ZERO and not income):
                result[index] = replace(movement, account=_BANK, document_ref="")
                cash += -movement.amount if income else movement.amount
        return result

    def pick(self, day: date) -> int | None:
        """A member in the district on `day` (None if none is found quickly)."""
        for _attempt in range(_PICK_ATTEMPTS):
            index = self.rng.randrange(len(self._spans))
            joined, left = self._spans[index]
            if joined <= day <= left:
                return index
        return None

    def _item(self, item: Item, budget: float, frame: Frame) -> list[PlannedMovement]:
        days = self._days(item, frame)
        if not days:
            return []
        share = budget / len(days)
        fixed = round_to(share, 10 if share > 100 else 1)
        return [
            self._movement(
                item,
                day,
                fixed if item.regular else cents(max(5.0, share * self.rng.uniform(0.7, 1.3))),
                frame,
            )
            for day in days
        ]

    def _days(self, item: Item, frame: Frame) -> list[date]:
        year = frame.year
        if item.times == 4:
            days = [_month_end(year, month) for month in (3, 6, 9, 12)]
        elif item.times in (12, 6):
            step = 12 // item.times
            days = [
                date(year, month, 5 if item.regular else self.rng.randint(3, 27))
                for month in range(1, 13, step)
            ]
        else:
            count = max(1, round(item.times * frame.fraction))
            end = date(year, 12, 31)
            return sorted(self.ctx.day_between(frame.start, end) for _n in range(count))
        return [day for day in days if day >= frame.start]

    def _movement(self, item: Item, day: date, amount: Decimal, frame: Frame) -> PlannedMovement:
        rng = self.rng
        text = rng.choice(item.texts)
        party = rng.choice(item.counterparties)
        member = None
        if "{member}" in text or party == MEMBER:
            member, party = self.pick(day), ""
        project = item.regular or item.code in ("EC2", "UC2")
        fill = self._fill | {
            "year": str(frame.year),
            "month": words.MONTHS[day.month - 1],
            "quarter": f"{(day.month - 1) // 3 + 1}°",
            "topic": frame.topic if project else rng.choice(words.TOPICS),
            "member": "un aderente" if member is None else self._names[member],
        }
        cash = rng.random() < item.cash
        document = ""
        if item.code == "IMP1":
            document = "Modello F24"
        elif not is_income(item.code):
            if cash:
                document = "Scontrino"
            elif party or member is not None:
                document = f"Fatt. n. {rng.randint(1, 250)}/{frame.year}"
        return PlannedMovement(
            day,
            amount,
            item.code,
            text.format(**fill),
            source=item.source,
            member=member,
            counterparty=party.format(**fill),
            account=Account.CASH.value if cash else Account.BANK.value,
            document_ref=document,
        )

    def _day_in(self, frame: Frame, first_month: int, last_month: int) -> date:
        start = max(date(frame.year, first_month, 1), frame.start)
        end = max(_month_end(frame.year, last_month), start)
        return self.ctx.day_between(start, end)


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
