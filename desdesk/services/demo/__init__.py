"""A realistic, fictional demo district in Trentino (`desdesk demo`, first start of the GUI).

`build_plan` draws everything from one `random.Random(seed)` and one anchor date, so the
same arguments give the same district; `create_demo` writes it to a new file.
"""

from __future__ import annotations

from desdesk.services.demo.builder import build_plan, create_demo, write_plan
from desdesk.services.demo.plan import DemoPlan

__all__ = ["DemoPlan", "build_plan", "create_demo", "write_plan"]
