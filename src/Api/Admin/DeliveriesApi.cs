using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Admin;

/// <summary>One row of the mail delivery log as admins see it.</summary>
public sealed record MailDeliveryView(
    long Id,
    Guid EventId,
    string Recipient,
    string Template,
    string Status,
    int Attempts,
    string? Subject,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt);

/// <summary>The mail delivery log for admins: what was sent, what waits for a retry, what the mail server refused.</summary>
public static class DeliveriesApi
{
    public const int MaxRows = 500;

    public static RouteGroupBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/deliveries").WithTags("admin").RequireAuthorization(PortalPolicies.Admin);
        group.MapGet("/", ListAsync);
        return group;
    }

    /// <summary>The latest deliveries, newest first; <paramref name="status"/> (sent, failed, pending) narrows the list.</summary>
    public static async Task<Results<Ok<IReadOnlyList<MailDeliveryView>>, ProblemHttpResult>> ListAsync(
        string? status, PerfWorkflowDbContext db, CancellationToken cancellationToken)
    {
        var query = db.MailDeliveries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<MailDeliveryStatus>(status, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted))
            {
                return TypedResults.Problem($"未知的投递状态“{status}”，可选 sent、failed、pending。", statusCode: StatusCodes.Status400BadRequest);
            }
            query = query.Where(d => d.Status == wanted);
        }
        var rows = await query.OrderByDescending(d => d.Id).Take(MaxRows).ToListAsync(cancellationToken);
        IReadOnlyList<MailDeliveryView> views = rows
            .Select(d => new MailDeliveryView(d.Id, d.EventId, d.Recipient, d.Template, d.Status.ToString(), d.Attempts, d.Subject, d.LastError, d.CreatedAt, d.SentAt))
            .ToList();
        return TypedResults.Ok(views);
    }
}
