// The service layer (issue 5) lands here. The module exists now so the layer map of DESIGN.md is real.
