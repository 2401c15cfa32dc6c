using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PerfWorkflow.Notifications.Delivery;
using PerfWorkflow.Notifications.Links;
using PerfWorkflow.Notifications.Mail;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Diff;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Notifications.Tests.Delivery;

/// <summary>
/// The facts of a declaration's email cost the same whatever its history (issue 15: they used to read the form of every
/// earlier version), and nothing is read for an email nobody is to get.
/// </summary>
public sealed class MailFactsTests : IDisposable
{
    private const int Versions = 60;

    private readonly SqliteConnection _connection = new("DataSource=:memory:");
    private readonly VersionReads _reads = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
    private readonly Guid _declarationId = Guid.NewGuid();

    public MailFactsTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
        SeedLongHistory(db);
    }

    [Fact]
    public async Task DeclarationFacts_ReadOnlyTheTwoVersionsTheyCompare_WhateverTheHistory()
    {
        using var db = NewContext();
        var facts = NewFacts(db);

        var found = await facts.DeclarationAsync(_declarationId, int.MaxValue, diffFrom: null, CancellationToken.None);

        // The latest snapshot is a submission (60); the diff starts at the submission before it (58).
        Assert.Equal(Versions - 2, found!.DiffSinceVersion);
        Assert.Contains(found.Diff!.Fields, f => f.Field == "name");
        AssertReadTwoVersionsAtMost();
    }

    [Fact]
    public async Task DeclarationFacts_WithTheEventsBaseline_ReadOnlyThatVersionAndTheOneShown()
    {
        using var db = NewContext();
        var facts = NewFacts(db);

        var found = await facts.DeclarationAsync(_declarationId, Versions - 2, diffFrom: 2, CancellationToken.None);

        Assert.Equal(2, found!.DiffSinceVersion);
        Assert.Equal(Versions - 2, found.Summary.Version);
        AssertReadTwoVersionsAtMost();
    }

    [Fact]
    public async Task SubmittedMail_ReadsNoVersion_WhenNobodyIsToBeMailed()
    {
        using var db = NewContext();
        var facts = NewFacts(db);
        var mails = new DeclarationMails(db, facts, new Recipients(db),
            new MailDispatcher(db, new MailTemplates(), new RefusingSender(), _time, new ConsumedEvent(),
                Options.Create(new MailDeliveryOptions()), NullLogger<MailDispatcher>.Instance),
            NullLogger<DeclarationMails>.Instance);
        var notice = new DeclarationNotice("DeclarationSubmitted", Guid.NewGuid(), _declarationId, Versions, Guid.NewGuid(), _time.GetUtcNow())
        {
            DiffFrom = Versions - 2,
            OfferReview = true,
        };

        // The office has no member with an email address in this database.
        await mails.SendAsync(notice, _ => [Audience.Office], CancellationToken.None);

        Assert.Equal(0, _reads.Commands);
    }

    public void Dispose() => _connection.Dispose();

    // A reader's read count includes the last Read() that finds no more row: two one-row queries read at most four times.
    private void AssertReadTwoVersionsAtMost()
    {
        Assert.InRange(_reads.Commands, 1, 2);
        Assert.InRange(_reads.Rows, 1, 2 * _reads.Commands);
    }

    private PerfWorkflowDbContext NewContext() =>
        new(new DbContextOptionsBuilder<PerfWorkflowDbContext>().UseSqlite(_connection).AddInterceptors(_reads).Options);

    private MailFacts NewFacts(PerfWorkflowDbContext db) => new(
        db, new DiffBaseline(db), new MailDirectory(_time), new WorkingDayCalendar([]), new PortalOnlyLinkIssuer(new Uri("http://localhost/")));

    private void SeedLongHistory(PerfWorkflowDbContext db)
    {
        var drafter = Guid.NewGuid();
        db.Sections.Add(new Section { Id = "gy", Name = "工业运行科" });
        db.BudgetCycles.Add(new BudgetCycle { Year = 2026, Name = "2026", FinanceDueDate = new DateOnly(2026, 12, 30) });
        db.Declarations.Add(new Declaration
        {
            Id = _declarationId, CycleYear = 2026, SectionId = "gy", Stage = DeclarationStage.OfficeReview, Version = Versions,
            LastSubmittedVersion = Versions, Name = $"项目{Versions}", Code = "P1", CreatedById = drafter, UpdatedById = drafter,
        });
        for (var number = 1; number <= Versions; number++)
        {
            // Odd numbers are returns (back to Draft), even numbers submissions; every version renames the project.
            var submitted = number % 2 == 0;
            db.DeclarationVersions.Add(new DeclarationVersion
            {
                DeclarationId = _declarationId, Number = number, Reason = submitted ? VersionReason.Submitted : VersionReason.Returned,
                Stage = submitted ? DeclarationStage.OfficeReview : DeclarationStage.Draft,
                FormJson = System.Text.Json.JsonSerializer.Serialize(new DeclarationForm { Name = $"项目{number}", Code = "P1" }, DeclarationJson.Options),
                Sha256 = new string('0', 64), CreatedById = drafter, CreatedByName = "经办人",
            });
        }
        db.SaveChanges();
        _reads.Reset();
    }

    /// <summary>Counts the rows read from declaration_versions, and the commands that read it.</summary>
    private sealed class VersionReads : DbCommandInterceptor
    {
        public int Rows { get; private set; }

        public int Commands { get; private set; }

        public void Reset() => (Rows, Commands) = (0, 0);

        public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (command.CommandText.Contains("declaration_versions", StringComparison.Ordinal))
            {
                Rows += eventData.ReadCount;
                Commands++;
            }
            return result;
        }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            DataReaderClosing(command, eventData, result);
            return ValueTask.FromResult(result);
        }
    }

    private sealed class RefusingSender : IMailSender
    {
        public Task SendAsync(MailEnvelope envelope, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no email was to be sent");
    }
}
