using System.Linq.Expressions;
using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Workflows.Tasks;

/// <summary>What a task asks for.</summary>
public enum TaskKind
{
    /// <summary>科室 drafts (or revises after a return) and submits.</summary>
    Draft,

    /// <summary>办公室 accepts or returns.</summary>
    OfficeReview,

    /// <summary>局领导 approve or return (per declaration while the package is in bureau review).</summary>
    BureauReview,

    /// <summary>办公室 submits the approved package to finance.</summary>
    SubmitToFinance,

    /// <summary>区财政局 accepts or returns.</summary>
    FinanceReview,
}

/// <summary>
/// An approval task (Camunda's model): offered to a candidate group (role, and 科室 where it matters) or assigned to a
/// person; claimed, delegated (转办), completed with an outcome.
/// </summary>
public sealed class WorkTask
{
    public Guid Id { get; set; }

    public Guid? DeclarationId { get; set; }

    public int? PackageCycleYear { get; set; }

    public TaskKind Kind { get; set; }

    public UserRole CandidateRole { get; set; }

    public string? CandidateSectionId { get; set; }

    public Guid? AssigneeId { get; set; }

    public string? AssigneeName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? FollowUpAt { get; set; }

    /// <summary>What <see cref="DueAt"/> was counted from (a calendar edit counts it again); null on tasks older than issue 14.</summary>
    public Route.Calendar.DueBasis? DueBasis { get; set; }

    /// <summary>For a returned declaration's task: the instant its working days were counted from.</summary>
    public DateTimeOffset? DueCountedFrom { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public Guid? CompletedById { get; set; }

    public string? CompletedByName { get; set; }

    /// <summary>The action that closed the task (wire name, e.g. "accept", "return"), or "cancelled".</summary>
    public string? Outcome { get; set; }

    public string? Comment { get; set; }

    /// <summary>Who handed the task over (转办), when it was delegated.</summary>
    public Guid? DelegatedById { get; set; }

    public bool IsOpen => CompletedAt is null;

    /// <summary>True when <paramref name="actor"/> may work on the task: its assignee, or in its candidate group when unassigned.</summary>
    public bool IsFor(Actor actor) =>
        AssigneeId is { } assignee
            ? assignee == actor.UserId
            : actor.Role == CandidateRole && (CandidateSectionId is null || CandidateSectionId == actor.SectionId);

    /// <summary>Who the task may be handed to (转办): active users of its candidate role, and of its 科室 when it has one.</summary>
    public Expression<Func<AppUser, bool>> ReassignCandidates()
    {
        var role = CandidateRole;
        var section = CandidateSectionId;
        return u => u.IsActive && u.Role == role && (section == null || u.SectionId == section);
    }
}
