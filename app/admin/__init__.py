"""The GraphQL admin API, mounted at ``/graphql``.

Resolvers are thin: they call the use cases in ``app.services``, which check
the principal, and map the results to the plain types in ``types.py``.
"""
