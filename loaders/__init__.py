"""Store writers (installed as ``kg.loaders``): one module per store, all behind ``base.Writer``."""
