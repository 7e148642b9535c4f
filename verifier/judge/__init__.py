"""Quote judge: aligns a quote with a source passage and classifies each difference."""
