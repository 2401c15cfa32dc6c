using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Tests.Tasks;

public sealed class ReminderDigestPlannerTests
{
    private static readonly DateOnly Today = new(2026, 9, 29);
    private static readonly Guid Wang = Guid.NewGuid();
    private static readonly Guid Li = Guid.NewGuid();
    private static readonly Guid Chen = Guid.NewGuid();

    [Fact]
    public void Plan_GivesADigest_OnlyToRecipientsWithMoreRemindersThanTheThreshold()
    {
        var reminders = new List<PlannedReminder>();
        reminders.AddRange(Enumerable.Range(0, 4).Select(_ => DueSoon(3, Wang)));
        reminders.AddRange(Enumerable.Range(0, 3).Select(_ => DueSoon(1, Li)));

        var digests = ReminderDigestPlanner.Plan(reminders, threshold: 3);

        var digest = Assert.Single(digests);
        Assert.Equal((Wang, DigestKind.Reminders, 4), (digest.RecipientId, digest.Kind, digest.Items.Count));
    }

    [Fact]
    public void Plan_CountsAGroupTaskForEachMember_AndKeepsEscalationsApartFromReminders()
    {
        var reminders = new List<PlannedReminder>();
        reminders.AddRange(Enumerable.Range(0, 2).Select(_ => DueSoon(0, Wang, Li)));
        reminders.AddRange(Enumerable.Range(0, 2).Select(_ => Overdue(-1, Wang)));
        reminders.AddRange(Enumerable.Range(0, 3).Select(_ => Escalation(-1, Wang, Chen)));

        var digests = ReminderDigestPlanner.Plan(reminders, threshold: 2);

        (Guid, DigestKind, int)[] expected = [(Wang, DigestKind.Reminders, 4), (Wang, DigestKind.Escalations, 3), (Chen, DigestKind.Escalations, 3)];
        Assert.Equal(expected.Order(), digests.Select(d => (d.RecipientId, d.Kind, d.Items.Count)).Order());
    }

    [Fact]
    public void Plan_ListsTheMostOverdueFirst_ThenTheFewestWorkingDaysLeft()
    {
        var reminders = new[] { DueSoon(3, Wang), Overdue(-1, Wang), DueSoon(0, Wang), Overdue(-5, Wang), DueSoon(1, Wang) };

        var digest = Assert.Single(ReminderDigestPlanner.Plan(reminders, threshold: 3));

        Assert.Equal([-5, -1, 0, 1, 3], digest.Items.Select(i => i.Reminder.WorkingDaysLeft));
    }

    [Fact]
    public void Plan_CountsARecipientOnceForATask_EvenWhenListedTwice()
    {
        var reminders = Enumerable.Range(0, 3).Select(_ => DueSoon(1, Wang, Wang)).ToList();

        Assert.Empty(ReminderDigestPlanner.Plan(reminders, threshold: 3));
    }

    [Fact]
    public void DigestedRecipients_AreTheRecipientsWhoseDigestOfTheReminderKindListsIt()
    {
        var digests = new HashSet<(Guid, DigestKind)> { (Wang, DigestKind.Reminders), (Chen, DigestKind.Escalations) };

        Assert.Equal([Wang], ReminderDigestPlanner.DigestedRecipients(DueSoon(1, Wang, Li, Chen), digests));
        Assert.Equal([Chen], ReminderDigestPlanner.DigestedRecipients(Escalation(-1, Wang, Chen), digests));
        Assert.Empty(ReminderDigestPlanner.DigestedRecipients(Overdue(-1, Li), digests));
    }

    [Fact]
    public void Audience_IsTheAssignee_ElseTheCandidateGroup_AndForAnEscalationTheHeadsAndTheOffice()
    {
        var drafter = User("drafter.gy", UserRole.SectionDrafter, "gy");
        var otherDrafter = User("drafter.xf", UserRole.SectionDrafter, "xf");
        var head = User("head.gy", UserRole.SectionHead, "gy");
        var office = User("office", UserRole.Office, "bgs");
        var away = User("office.old", UserRole.Office, "bgs", active: false);
        var noMail = User("office.nomail", UserRole.Office, "bgs", email: "");
        var audience = new ReminderAudience([drafter, otherDrafter, head, office, away, noMail]);
        var draft = new ReminderCandidate(Guid.NewGuid(), DateTimeOffset.UnixEpoch, false, null, UserRole.SectionDrafter, "gy", "gy");
        var review = new ReminderCandidate(Guid.NewGuid(), DateTimeOffset.UnixEpoch, false, null, UserRole.Office, null, "gy");

        Assert.Equal([drafter.Id], audience.For(draft, ReminderKind.DueToday));
        Assert.Equal([office.Id], audience.For(review, ReminderKind.Overdue));
        Assert.Equal([head.Id], audience.For(draft with { AssigneeId = head.Id }, ReminderKind.DueToday));
        Assert.Empty(audience.For(draft with { AssigneeId = away.Id }, ReminderKind.DueToday));
        Assert.Equal([head.Id, office.Id], audience.For(draft, ReminderKind.Escalation));
        Assert.Equal([office.Id], audience.For(review with { DeclarationSectionId = null }, ReminderKind.Escalation));
    }

    private static AppUser User(string name, UserRole role, string? section, bool active = true, string? email = null) => new()
    {
        Id = Guid.NewGuid(), UserName = name, DisplayName = name, Email = email ?? $"{name}@t.cn", Role = role, SectionId = section, IsActive = active,
    };

    private static PlannedReminder DueSoon(int left, params Guid[] to) =>
        new(Guid.NewGuid(), new ScheduledReminder(left switch
        {
            3 => ReminderKind.DueInThreeWorkingDays,
            1 => ReminderKind.DueNextWorkingDay,
            _ => ReminderKind.DueToday,
        }, Today, left), to);

    private static PlannedReminder Overdue(int left, params Guid[] to) => new(Guid.NewGuid(), new ScheduledReminder(ReminderKind.Overdue, Today, left), to);

    private static PlannedReminder Escalation(int left, params Guid[] to) => new(Guid.NewGuid(), new ScheduledReminder(ReminderKind.Escalation, Today, left), to);
}
