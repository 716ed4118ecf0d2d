"""Mermaid text out (C4 syntax and C4-styled flowcharts) and in (the C4 parser)."""
