using Microsoft.AspNetCore.Http.HttpResults;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Messaging;

namespace PerfWorkflow.Api.Admin;

/// <summary>The dead-letter table for admins: list what could not be published, and replay a message.</summary>
public static class DeadLetterApi
{
    public static RouteGroupBuilder MapDeadLetterApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/dead-letters").WithTags("admin").RequireAuthorization(PortalPolicies.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/{id:long}/replay", ReplayAsync);
        return group;
    }

    public static async Task<Ok<IReadOnlyList<DeadLetterView>>> ListAsync(DeadLetters deadLetters, CancellationToken cancellationToken) =>
        TypedResults.Ok(await deadLetters.ListAsync(cancellationToken));

    public static async Task<Results<NoContent, NotFound>> ReplayAsync(long id, DeadLetters deadLetters, CancellationToken cancellationToken) =>
        await deadLetters.ReplayDeadLetterAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
