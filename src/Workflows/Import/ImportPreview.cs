namespace PerfWorkflow.Workflows.Import;

/// <summary>
/// An upload read but not yet written (docs/architecture.md §8, <c>POST /api/imports</c>): the forms as read and the
/// planned outcome per form, as JSON; it belongs to the user who uploaded it and expires.
/// </summary>
public sealed class ImportPreview
{
    public Guid Id { get; set; }

    public Guid OwnerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set once, by the first confirm; a second confirm is refused.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    public string PreviewJson { get; set; } = "";

    public string? ResultJson { get; set; }
}
