"""``python -m provenance.policy > docs/rules.md`` regenerates the rules document."""

from provenance.policy.docs import main

raise SystemExit(main())
