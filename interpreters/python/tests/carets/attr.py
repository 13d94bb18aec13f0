class Config:
    name = "c"

cfg = Config()
print(cfg.name.upper(), cfg.missing.upper())
