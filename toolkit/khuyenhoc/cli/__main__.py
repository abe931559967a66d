"""``python -m khuyenhoc.cli …`` chạy giống lệnh ``khuyenhoc …``."""

from . import main

raise SystemExit(main())
