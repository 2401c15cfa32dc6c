using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;
using Xunit;

namespace PerfWorkflow.Workflows.Tests.Route;

/// <summary>
/// The overdue list ordered and paged by the database, run on SQLite here and on PostgreSQL in the end-to-end tests (this
/// file is linked there): for every column and both directions, the pages put together are the whole list, each row
/// once, in the column's order. Names are ASCII so that both databases' collations agree on the expected order.
/// </summary>
public sealed class OverdueOrderingScenario(Func<PerfWorkflowDbContext> newContext, IWorkingDayCalendar calendar)
{
    private const int Cycle = 2031;
    private const int PageSize = 4;
    private static readonly DateTimeOffset Now = ChinaTime.At(new DateOnly(2026, 11, 26), new TimeOnly(10, 0));

    // Section ids and names in different orders: sorting by 科室 must follow the names people read.
    private static readonly (string Id, string Name)[] SectionNames = [("s1", "Cee"), ("s2", "Ay"), ("s3", "Bee")];

    private static readonly DeclarationStage[] Stages =
    [
        DeclarationStage.BureauReview, DeclarationStage.Draft, DeclarationStage.SubmittedToFinance,
        DeclarationStage.OfficeReview, DeclarationStage.Consolidated, DeclarationStage.Approved,
    ];

    public async Task RunAsync()
    {
        var seeded = await SeedAsync();
        var query = new OverdueQuery(newContext(), calendar, new FakeTimeProvider(Now.ToUniversalTime()));
        var filter = new DeadlineFilter(Cycle, OverdueOnly: false);

        Assert.Equal(new OverdueCounts(seeded.Count, seeded.Count(r => r.DueAt < Now)), await query.CountAsync(filter, CancellationToken.None));
        Assert.Equal(new OverdueCounts(0, 0), await query.CountAsync(new DeadlineFilter(Cycle + 5, OverdueOnly: false), CancellationToken.None));
        Assert.Equal(
            seeded.Where(r => r.DueAt < Now).GroupBy(r => r.SectionId).ToDictionary(g => g.Key, g => g.Count()),
            await query.OverdueBySectionAsync(filter, CancellationToken.None));

        foreach (var order in Enum.GetValues<OverdueOrder>())
        {
            foreach (var descending in new[] { false, true })
            {
                var whole = await query.ListAsync(filter, order, descending, 0, null, CancellationToken.None);
                var paged = new List<OverdueItem>();
                for (var skip = 0; skip < seeded.Count + PageSize; skip += PageSize)
                {
                    paged.AddRange(await query.ListAsync(filter, order, descending, skip, PageSize, CancellationToken.None));
                }

                var what = $"{order} {(descending ? "descending" : "ascending")}";
                Assert.True(whole.Select(i => i.DeclarationId).SequenceEqual(paged.Select(i => i.DeclarationId)), $"{what}: the pages put together are the whole list");
                Assert.Equal(seeded.Select(r => r.Id).Order(), whole.Select(i => i.DeclarationId).Order());
                var keys = whole.Select(i => Key(order, seeded.Single(r => r.Id == i.DeclarationId), i)).ToList();
                for (var n = 1; n < keys.Count; n++)
                {
                    var step = string.CompareOrdinal(keys[n - 1], keys[n]);
                    Assert.True(descending ? step >= 0 : step <= 0, $"{what}: row {n} ({keys[n]}) after ({keys[n - 1]})");
                }
                Assert.True(keys.Distinct().Count() > 1, $"{what}: the data gives the column more than one value");
            }
        }

        // The API's list: every row, most overdue first.
        var api = await query.ListAsync(new DeadlineFilter(Cycle), CancellationToken.None);
        Assert.Equal(seeded.Count(r => r.DueAt < Now), api.Count);
        Assert.Equal(api.Select(i => i.WorkingDaysOverdue).OrderDescending(), api.Select(i => i.WorkingDaysOverdue));
    }

    /// <summary>What the column orders by, as an ordinally comparable string.</summary>
    private static string Key(OverdueOrder order, Row row, OverdueItem item) => order switch
    {
        OverdueOrder.Code => row.Code,
        OverdueOrder.Name => row.Name,
        OverdueOrder.Section => SectionNames.Single(s => s.Id == row.SectionId).Name,
        OverdueOrder.ProjectType => row.ProjectTypeCode,
        OverdueOrder.Stage => ((int)row.Stage).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
        OverdueOrder.Holder => row.Task switch
        {
            { AssigneeName: { } name } => "0" + name,
            { } group => $"1 {group.CandidateRole}|{group.CandidateSectionId}",
            null => "2",
        },
        OverdueOrder.Due => row.DueAt.UtcTicks.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
        // Working days overdue, shifted to stay positive so that the string order is the number order.
        _ => (item.WorkingDaysOverdue + 1000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
    };

    private sealed record Row(Guid Id, string Code, string Name, string SectionId, string ProjectTypeCode, DeclarationStage Stage, DateTimeOffset DueAt, WorkTask? Task);

    private async Task<List<Row>> SeedAsync()
    {
        await using var db = newContext();
        db.Sections.AddRange(SectionNames.Select(s => new Section { Id = s.Id, Name = s.Name }));
        var rows = new List<Row>();
        for (var i = 0; i < 17; i++)
        {
            var stage = Stages[i % Stages.Length];
            var sectionId = SectionNames[(i * 2) % SectionNames.Length].Id;
            // Due times from 20 days ago to 12 days ahead, three pairs sharing one due time (ties must page stably).
            var due = Now.AddDays((i / 2 * 4) - 20 + (i % 2 == 0 ? 0 : 1)).AddHours(i % 3 == 0 ? 0 : 8);
            var id = Guid.NewGuid();
            WorkTask? task = stage is DeclarationStage.Consolidated or DeclarationStage.Approved ? null : new WorkTask
            {
                Id = Guid.NewGuid(),
                DeclarationId = id,
                Kind = TaskKind.OfficeReview,
                CandidateRole = i % 4 == 0 ? UserRole.SectionDrafter : UserRole.Office,
                CandidateSectionId = i % 4 == 0 ? sectionId : null,
                AssigneeName = i % 3 == 1 ? $"Holder{(char)('Z' - i)}" : null,
                CreatedAt = Now.AddDays(-30),
                DueAt = due,
            };
            if (task is not null)
            {
                task.AssigneeId = task.AssigneeName is null ? null : Guid.NewGuid();
                db.Tasks.Add(task);
            }
            var row = new Row(id, $"44030427{(i * 7919) % 1000:000000}", $"Project {(char)('a' + ((i * 5) % 17))}", sectionId, $"0{i % 3 + 1}", stage, due, task);
            rows.Add(row);
            db.Declarations.Add(new Declaration
            {
                Id = id, CycleYear = Cycle, SectionId = sectionId, Stage = stage, Code = row.Code, Name = row.Name,
                ProjectTypeCode = row.ProjectTypeCode, ProjectTypeName = "T" + row.ProjectTypeCode, DueAt = due,
                CreatedAt = Now.AddDays(-30), UpdatedAt = Now.AddDays(-30), StageEnteredAt = Now.AddDays(-30),
            });
        }
        // Out of the list: another cycle, a finished declaration, and one without a due time.
        db.Declarations.AddRange(
            new Declaration { Id = Guid.NewGuid(), CycleYear = Cycle + 1, SectionId = "s1", Stage = DeclarationStage.Draft, Code = "x1", Name = "other cycle", DueAt = Now.AddDays(-3) },
            new Declaration { Id = Guid.NewGuid(), CycleYear = Cycle, SectionId = "s1", Stage = DeclarationStage.Finalized, Code = "x2", Name = "finalized", DueAt = Now.AddDays(-3) },
            new Declaration { Id = Guid.NewGuid(), CycleYear = Cycle, SectionId = "s1", Stage = DeclarationStage.Draft, Code = "x3", Name = "no due time" });
        await db.SaveChangesAsync();
        return rows;
    }
}
