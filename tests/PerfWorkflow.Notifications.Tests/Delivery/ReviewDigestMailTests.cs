using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PerfWorkflow.Notifications.Delivery;
using PerfWorkflow.Notifications.Links;
using PerfWorkflow.Notifications.Mail;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Diff;
using PerfWorkflow.Workflows.Notices;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Notifications.Tests.Delivery;

/// <summary>
/// The 【待审核】 digest from submit to mail (issue 14 item 4), on SQLite with a fake clock and a recording sender: an
/// office user on 每小时汇总 gets nothing at submit and one mail at the next working hour listing every submission; a user
/// on 立即 gets today's mail; a withdrawn declaration is left out; a redelivered event holds nothing twice; items are
/// marked only once the mail went through the mail path.
/// </summary>
public sealed class ReviewDigestMailTests : IDisposable
{
    private static readonly WorkingDayCalendar Calendar = new([]);
    private readonly SqliteConnection _connection = new("DataSource=:memory:");
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingSender _sender = new();
    private readonly Guid _hourly = Guid.NewGuid();
    private readonly Guid _immediate = Guid.NewGuid();
    private readonly Guid _drafter = Guid.NewGuid();
    private readonly Guid _repairs = Guid.NewGuid();
    private readonly Guid _festival = Guid.NewGuid();

    public ReviewDigestMailTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
        Seed(db);
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task Hourly_SubmitsAt1020And1041_NothingUntil1100_ThenOneMailListingBoth()
    {
        await SubmitAsync(_repairs, "2026-12-03 10:20", comment: "已按意见补充测算依据。", resubmission: true);
        await SubmitAsync(_festival, "2026-12-03 10:41");
        Assert.Empty(_sender.To("wang@futian.example.cn"));
        Assert.Equal(2, _sender.To("li@futian.example.cn").Count); // 立即: as before, one each

        Assert.Empty(await RunJobAtAsync("2026-12-03 10:59"));
        var digest = Assert.Single(await RunJobAtAsync("2026-12-03 11:00"));
        await DeliverAsync(digest);

        var mail = Assert.Single(_sender.To("wang@futian.example.cn"));
        Assert.Equal("【待审核汇总】2份申报表待审核（2026年12月3日（星期四）11:00）", mail.Subject);
        Assert.Contains("1. 《办公场所修缮项目》（重新提交）\n   科室：工业运行科；提交时间：2026-12-03 10:20（北京时间）\n   修改说明：已按意见补充测算依据。\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("2. 《社区消费节活动》\n   科室：工业运行科；提交时间：2026-12-03 10:41（北京时间）\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"审核申报表：http://localhost/declarations/{_repairs}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://localhost/declarations/{_festival}\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("每小时汇总", mail.TextBody, StringComparison.Ordinal);
        await using var db = NewContext();
        Assert.True(await db.ReviewDigestItems.AllAsync(i => i.SentAt != null && !i.Dropped));

        // A redelivery of the digest event sends nothing again.
        await DeliverAsync(digest);
        Assert.Single(_sender.To("wang@futian.example.cn"));
    }

    [Fact]
    public async Task Hourly_FridayAt1830_WaitsForMonday0900()
    {
        await SubmitAsync(_repairs, "2026-12-04 18:30");

        Assert.Empty(await RunJobAtAsync("2026-12-04 19:00"));
        Assert.Empty(await RunJobAtAsync("2026-12-05 10:00"));
        Assert.Empty(await RunJobAtAsync("2026-12-07 08:59"));
        await DeliverAsync(Assert.Single(await RunJobAtAsync("2026-12-07 09:00")));

        Assert.Single(_sender.To("wang@futian.example.cn"));
    }

    [Fact]
    public async Task Daily_OneMailAt0900OfTheNextWorkingDay()
    {
        await ChooseAsync(_hourly, ReviewNoticeMode.Daily);
        await SubmitAsync(_repairs, "2026-12-03 10:20");
        await SubmitAsync(_festival, "2026-12-03 17:40");

        Assert.Empty(await RunJobAtAsync("2026-12-03 18:00"));
        await DeliverAsync(Assert.Single(await RunJobAtAsync("2026-12-04 09:00")));

        var mail = Assert.Single(_sender.To("wang@futian.example.cn"));
        Assert.StartsWith("【待审核汇总】2份申报表待审核", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("每日汇总", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Immediate_GetsExactlyTheMailOfBeforeDigests_AndNothingIsHeld()
    {
        await ChooseAsync(_hourly, ReviewNoticeMode.Immediate);
        var notice = Notice(_repairs, "2026-12-03 10:20", "已按意见补充测算依据。", resubmission: true);

        await using (var db = NewContext())
        {
            await NewDeclarationMails(db, inbox: NewInbox(db)).SendAsync(notice, _ => [Audience.Office], CancellationToken.None);
        }
        var withDigests = _sender.Sent.ToList();
        _sender.Sent.Clear();
        await using (var db = NewContext())
        {
            // The path as it was: no inbox at all, a fresh event id.
            await NewDeclarationMails(db, inbox: null).SendAsync(notice with { EventId = Guid.NewGuid() }, _ => [Audience.Office], CancellationToken.None);
        }

        Assert.Equal(2, withDigests.Count);
        Assert.Equal(
            _sender.Sent.Select(m => (m.ToAddress, m.Subject, m.TextBody)),
            withDigests.Select(m => (m.ToAddress, m.Subject, m.TextBody)));
        Assert.StartsWith("【待审核】工业运行科重新提交申报表：办公场所修缮项目", withDigests[0].Subject, StringComparison.Ordinal);
        await using var check = NewContext();
        Assert.Equal(0, await check.ReviewDigestItems.CountAsync());
    }

    [Fact]
    public async Task WithdrawnBeforeTheDigest_IsLeftOutOfIt()
    {
        await SubmitAsync(_repairs, "2026-12-03 10:20");
        await SubmitAsync(_festival, "2026-12-03 10:30");
        await SetStageAsync(_festival, DeclarationStage.Draft); // 科室撤回 at 10:45

        await DeliverAsync(Assert.Single(await RunJobAtAsync("2026-12-03 11:00")));

        var mail = Assert.Single(_sender.To("wang@futian.example.cn"));
        Assert.StartsWith("【待审核汇总】1份申报表待审核", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("办公场所修缮项目", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("社区消费节活动", mail.TextBody, StringComparison.Ordinal);
        await using var db = NewContext();
        var festival = await db.ReviewDigestItems.SingleAsync(i => i.DeclarationId == _festival);
        Assert.True(festival.Dropped);
        Assert.NotNull(festival.SentAt);
    }

    [Fact]
    public async Task EverythingWithdrawn_NoMailAtAll()
    {
        await SubmitAsync(_festival, "2026-12-03 10:30");
        await SetStageAsync(_festival, DeclarationStage.Draft);

        await DeliverAsync(Assert.Single(await RunJobAtAsync("2026-12-03 11:00")));

        Assert.Empty(_sender.To("wang@futian.example.cn"));
        await using var db = NewContext();
        Assert.True((await db.ReviewDigestItems.SingleAsync()).Dropped);
        Assert.Empty(await RunJobAtAsync("2026-12-03 12:00"));
    }

    [Fact]
    public async Task SameEventTwice_HoldsOneItem_AndTheImmediateUserGetsOneMail()
    {
        _time.SetUtcNow(China("2026-12-03 10:20"));
        var notice = Notice(_repairs, "2026-12-03 10:20");

        for (var delivery = 0; delivery < 2; delivery++)
        {
            await using var db = NewContext();
            await NewDeclarationMails(db, NewInbox(db)).SendAsync(notice, _ => [Audience.Office], CancellationToken.None);
        }

        await using var check = NewContext();
        var item = await check.ReviewDigestItems.SingleAsync();
        Assert.Equal((notice.EventId, _hourly), (item.EventId, item.RecipientId));
        Assert.Single(_sender.To("li@futian.example.cn"));
    }

    [Fact]
    public async Task MailServerDown_ItemsStayUnsent_AndTheRetrySendsThem()
    {
        await SubmitAsync(_repairs, "2026-12-03 10:20");
        var digest = Assert.Single(await RunJobAtAsync("2026-12-03 11:00"));

        _sender.FailNext = true;
        await Assert.ThrowsAsync<IOException>(() => DeliverAsync(digest));
        await using (var db = NewContext())
        {
            Assert.Null((await db.ReviewDigestItems.SingleAsync()).SentAt);
        }

        _time.Advance(MailConsumerRetry); // the consumer's retry policy tries again
        await DeliverAsync(digest);
        Assert.Single(_sender.To("wang@futian.example.cn"));
        await using var after = NewContext();
        Assert.NotNull((await after.ReviewDigestItems.SingleAsync()).SentAt);
    }

    private async Task SubmitAsync(Guid declarationId, string at, string? comment = null, bool resubmission = false)
    {
        _time.SetUtcNow(China(at));
        await using var db = NewContext();
        await NewDeclarationMails(db, NewInbox(db))
            .SendAsync(Notice(declarationId, at, comment, resubmission), _ => [Audience.Office], CancellationToken.None);
    }

    private DeclarationNotice Notice(Guid declarationId, string at, string? comment = null, bool resubmission = false) =>
        new(nameof(DeclarationSubmitted), Guid.NewGuid(), declarationId, 2, _drafter, China(at))
        {
            DiffFrom = resubmission ? 1 : null,
            OfferReview = true,
            MayDigest = true,
            Comment = comment,
        };

    private async Task<List<OfficeReviewsDigested>> RunJobAtAsync(string at)
    {
        _time.SetUtcNow(China(at));
        await using var db = NewContext();
        var before = await db.OutboxMessages.Select(m => m.MessageId).ToListAsync();
        await new ReviewDigestJob(db, _time).RunAsync(CancellationToken.None);
        return (await db.OutboxMessages.Where(m => !before.Contains(m.MessageId)).ToListAsync())
            .Select(Outbox.Deserialize).Cast<OfficeReviewsDigested>().ToList();
    }

    private async Task DeliverAsync(OfficeReviewsDigested digest)
    {
        await using var db = NewContext();
        var facts = NewFacts(db);
        var mails = new ReviewDigestMails(db, facts, new Recipients(db), NewDispatcher(db), NewInbox(db), _time, NullLogger<ReviewDigestMails>.Instance);
        await mails.SendAsync(digest, CancellationToken.None);
    }

    private async Task ChooseAsync(Guid userId, ReviewNoticeMode mode)
    {
        await using var db = NewContext();
        await new NoticePreferences(db, _time, Options.Create(new ReviewDigestOptions())).SetAsync(userId, mode, CancellationToken.None);
    }

    private async Task SetStageAsync(Guid declarationId, DeclarationStage stage)
    {
        await using var db = NewContext();
        await db.Declarations.Where(d => d.Id == declarationId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Stage, stage));
    }

    private DeclarationMails NewDeclarationMails(PerfWorkflowDbContext db, ReviewDigestInbox? inbox) =>
        new(db, NewFacts(db), new Recipients(db), NewDispatcher(db), NullLogger<DeclarationMails>.Instance, inbox);

    // No setting for a user means the product's default, 每小时汇总.
    private ReviewDigestInbox NewInbox(PerfWorkflowDbContext db) =>
        new(db, Calendar, _time, Options.Create(new ReviewDigestOptions()), NullLogger<ReviewDigestInbox>.Instance);

    private MailDispatcher NewDispatcher(PerfWorkflowDbContext db) =>
        new(db, Templates, _sender, _time, new ConsumedEvent(), Options.Create(new MailDeliveryOptions()), NullLogger<MailDispatcher>.Instance);

    private static readonly MailTemplates Templates = new();

    private static readonly TimeSpan MailConsumerRetry = TimeSpan.FromSeconds(1);

    private MailFacts NewFacts(PerfWorkflowDbContext db) => new(
        db, new DiffBaseline(db), new MailDirectory(_time), Calendar, new PortalOnlyLinkIssuer(new Uri("http://localhost/")));

    private PerfWorkflowDbContext NewContext() =>
        new(new DbContextOptionsBuilder<PerfWorkflowDbContext>().UseSqlite(_connection).Options);

    private void Seed(PerfWorkflowDbContext db)
    {
        db.Sections.Add(new Section { Id = "gy", Name = "工业运行科" });
        db.BudgetCycles.Add(new BudgetCycle { Year = 2027, Name = "2027", FinanceDueDate = new DateOnly(2026, 12, 30) });
        db.Users.AddRange(
            new AppUser { Id = _hourly, UserName = "office", DisplayName = "王芳", Email = "wang@futian.example.cn", Role = UserRole.Office },
            new AppUser { Id = _immediate, UserName = "office2", DisplayName = "李娜", Email = "li@futian.example.cn", Role = UserRole.Office },
            new AppUser { Id = _drafter, UserName = "drafter.gy", DisplayName = "陈明", Email = "chen@futian.example.cn", Role = UserRole.SectionDrafter, SectionId = "gy" });
        db.NotificationSettings.Add(new NotificationSetting { UserId = _immediate, ReviewNotice = ReviewNoticeMode.Immediate });
        foreach (var (id, name) in new[] { (_repairs, "办公场所修缮项目"), (_festival, "社区消费节活动") })
        {
            db.Declarations.Add(new Declaration
            {
                Id = id, CycleYear = 2027, SectionId = "gy", Stage = DeclarationStage.OfficeReview, Version = 2, LastSubmittedVersion = 2,
                Name = name, Code = "440304231071501005005", CreatedById = _drafter, UpdatedById = _drafter,
            });
            for (var number = 1; number <= 2; number++)
            {
                db.DeclarationVersions.Add(new DeclarationVersion
                {
                    DeclarationId = id, Number = number, Reason = VersionReason.Submitted, Stage = DeclarationStage.OfficeReview,
                    FormJson = System.Text.Json.JsonSerializer.Serialize(new DeclarationForm { Name = name, Code = "440304231071501005005" }, DeclarationJson.Options),
                    Sha256 = new string('0', 64), CreatedById = _drafter, CreatedByName = "陈明",
                });
            }
        }
        db.SaveChanges();
    }

    private static DateTimeOffset China(string at) =>
        ChinaTime.At(DateOnly.Parse(at[..10], System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.Parse(at[11..], System.Globalization.CultureInfo.InvariantCulture)).ToUniversalTime();

    private sealed class RecordingSender : IMailSender
    {
        public List<MailEnvelope> Sent { get; } = [];

        public bool FailNext { get; set; }

        public List<MailEnvelope> To(string address) => Sent.FindAll(m => m.ToAddress == address);

        public Task SendAsync(MailEnvelope envelope, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("connection refused");
            }
            Sent.Add(envelope);
            return Task.CompletedTask;
        }
    }
}
