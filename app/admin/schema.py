"""The admin schema, its limits and the router that serves it at ``/graphql``."""

from __future__ import annotations

import functools
import logging
from typing import Any

import strawberry
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from strawberry.extensions import (
    DisableIntrospection,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.fastapi import GraphQLRouter
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext, ExecutionResult

from app.admin.context import AdminContext, context_getter
from app.admin.errors import is_unexpected, unauthenticated
from app.admin.mutations import Mutation
from app.admin.queries import Query
from app.settings import Settings

logger = logging.getLogger(__name__)


class AdminSchema(strawberry.Schema):
    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: ExecutionContext | None = None,
    ) -> None:
        """Log unexpected errors with their traceback; expected ones are results."""
        context = execution_context.context if execution_context else None
        request_id = getattr(context, "request_id", None)
        for error in errors:
            if is_unexpected(error):
                logger.error(
                    "unexpected error in GraphQL request %s at %s",
                    request_id,
                    error.path,
                    exc_info=error.original_error,
                )


def build_schema(settings: Settings | None = None) -> AdminSchema:
    """Return the schema with the limits of ``settings`` (defaults when None)."""
    settings = settings or Settings()
    extensions: list[Any] = [
        functools.partial(QueryDepthLimiter, max_depth=settings.graphql_max_depth),
        functools.partial(
            MaxTokensLimiter, max_token_count=settings.graphql_max_tokens
        ),
        # Aliases repeat a field in one document, multiplying the response.
        functools.partial(MaxAliasesLimiter, max_alias_count=settings.graphql_max_aliases),
        functools.partial(MaskErrors, should_mask_error=is_unexpected),
    ]
    if not settings.graphql_introspection:
        extensions.append(DisableIntrospection)
    return AdminSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(
            disable_field_suggestions=not settings.graphql_introspection
        ),
    )


def export_sdl() -> str:
    """Return the schema in SDL, as stored in ``schema.graphql``."""
    return build_schema().as_str() + "\n"


class AdminRouter(GraphQLRouter):
    """Rejects a request without a valid credential with 401 before parsing it."""

    async def get_sub_response(self, request: Request) -> Response:
        # The base class keeps the sub-response on the router, which
        # concurrent requests share; the context getter keeps it per request.
        return request.state.graphql_response

    async def execute_single(  # noqa: PLR0917
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Response,
        context: AdminContext,
        root_value: Any,
        request_data: Any,
    ) -> ExecutionResult:
        if not context.authenticated:
            sub_response.status_code = 401
            sub_response.headers["WWW-Authenticate"] = 'Bearer realm="ringnity"'
            return ExecutionResult(data=None, errors=[unauthenticated()])
        return await super().execute_single(
            request, request_adapter, sub_response, context, root_value, request_data
        )


def create_router(settings: Settings) -> AdminRouter:
    return AdminRouter(
        build_schema(settings),
        path="/graphql",
        graphql_ide="graphiql" if settings.graphql_introspection else None,
        allow_queries_via_get=False,
        context_getter=context_getter(settings),
        subscription_protocols=(),
        include_in_schema=False,
    )
