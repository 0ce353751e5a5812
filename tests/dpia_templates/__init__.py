"""Tests of the dpia_templates pre-screening library."""
