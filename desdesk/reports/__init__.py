"""PDF documents made with reportlab from read-models; no session, no Qt."""
