from .build_all import main

raise SystemExit(main())
