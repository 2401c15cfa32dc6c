using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>A user as an email names them.</summary>
public sealed record MailPerson(string DisplayName, UserRole Role, string? SectionId);

/// <summary>
/// 科室 names and people's names shared by every email for a minute (singleton): each message used to read all
/// sections and the actor again. An unknown id reads the database at once, so a new 科室 or user is never missed;
/// a renamed one shows its new name within <see cref="Lifetime"/>.
/// </summary>
public sealed class MailDirectory(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, (MailPerson? Person, DateTimeOffset Until)> _people = new();
    private volatile SectionTable? _sections;

    public async Task<string> SectionNameAsync(PerfWorkflowDbContext db, string sectionId, CancellationToken ct)
    {
        var table = _sections;
        if (table is null || table.Until <= time.GetUtcNow() || !table.Names.ContainsKey(sectionId))
        {
            table = new SectionTable(await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct), time.GetUtcNow() + Lifetime);
            _sections = table;
        }
        return table.Names.GetValueOrDefault(sectionId, sectionId);
    }

    /// <summary>The user's name, role and 科室; null for a user that does not exist (any more).</summary>
    public async Task<MailPerson?> PersonAsync(PerfWorkflowDbContext db, Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_people.TryGetValue(userId, out var cached) && cached.Until > now && cached.Person is not null)
        {
            return cached.Person;
        }
        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new MailPerson(u.DisplayName, u.Role, u.SectionId)).FirstOrDefaultAsync(ct);
        _people[userId] = (person, now + Lifetime);
        return person;
    }

    private sealed record SectionTable(Dictionary<string, string> Names, DateTimeOffset Until);
}
