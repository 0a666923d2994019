"""Card makers: each turns analysed sentences into candidate cards of one kind."""
