using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>A group of users an email goes to: a role, narrowed to one 科室 for section roles.</summary>
public sealed record Audience(UserRole Role, string? SectionId = null)
{
    public static readonly Audience Office = new(UserRole.Office);

    public static readonly Audience BureauLeaders = new(UserRole.BureauLeader);

    public static readonly Audience FinanceLiaisons = new(UserRole.FinanceLiaison);

    public static Audience Drafters(string sectionId) => new(UserRole.SectionDrafter, sectionId);

    public static Audience Heads(string sectionId) => new(UserRole.SectionHead, sectionId);
}

/// <summary>Resolves audiences and tasks to the active users with an email address, each address once.</summary>
public sealed class Recipients(PerfWorkflowDbContext db)
{
    public async Task<IReadOnlyList<MailRecipient>> OfAsync(IEnumerable<Audience> audiences, CancellationToken ct)
    {
        var found = new List<MailRecipient>();
        foreach (var audience in audiences)
        {
            var users = await db.Users.AsNoTracking()
                .Where(u => u.IsActive && u.Email != "" && u.Role == audience.Role && (audience.SectionId == null || u.SectionId == audience.SectionId))
                .OrderBy(u => u.UserName)
                .ToListAsync(ct);
            found.AddRange(users.Select(ToRecipient));
        }
        return Distinct(found);
    }

    /// <summary>The task's assignee when it has one, otherwise its candidate group.</summary>
    public async Task<IReadOnlyList<MailRecipient>> ForTaskAsync(WorkTask task, CancellationToken ct)
    {
        if (task.AssigneeId is { } assigneeId)
        {
            return await UserAsync(assigneeId, ct) is { } assignee ? [assignee] : [];
        }
        return await OfAsync([new Audience(task.CandidateRole, task.CandidateSectionId)], ct);
    }

    /// <summary>One user, when active and with an email address.</summary>
    public async Task<MailRecipient?> UserAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.IsActive && u.Email != "", ct);
        return user is null ? null : ToRecipient(user);
    }

    private static MailRecipient ToRecipient(AppUser user) => new(user.Id, user.Email.Trim(), user.DisplayName);

    private static List<MailRecipient> Distinct(IEnumerable<MailRecipient> recipients) =>
        recipients.DistinctBy(r => r.Address, StringComparer.OrdinalIgnoreCase).ToList();
}
