"""The ethical compass in the app: members' private answers, the comparison, the portfolio."""
