"""iegraph: a Neo4j knowledge graph of the industry–education ecosystem (产教融合)."""

__version__ = "0.1.0"
