// The durable SQL job queue (issue 3) lands here. The module exists now so the layer map of DESIGN.md is real.
