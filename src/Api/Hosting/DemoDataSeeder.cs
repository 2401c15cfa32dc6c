using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Hosting;

/// <summary>
/// Embedded profile: sections, the demo users of README, the current budget cycle and a few drafts, once. With
/// <c>Demo:Scenario=Realistic</c> (what <c>dotnet run</c> sets through Properties/launchSettings.json) the demo stands at a
/// realistic moment instead: last year's cycle finished (so 从上年复制 works), this year's cycle — year and deadlines from
/// today's date — in progress across four 科室 with overdue drafts, submitted, returned and consolidated declarations.
/// Production: only the bootstrap admin from configuration (Bootstrap:AdminUserName / Bootstrap:AdminPassword), once.
/// </summary>
public sealed class DemoDataSeeder(
    ILogger<DemoDataSeeder> logger,
    IServiceScopeFactory scopes,
    HostingOptions hosting,
    IConfiguration configuration,
    IPasswordHasher<AppUser> hasher,
    IOptions<DeclarationRulesOptions> rules,
    TimeProvider clock) : IHostedService
{
    public const string DemoPassword = "Demo#2024";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }
        if (hosting.Profile == AppProfile.Production)
        {
            SeedBootstrapAdmin(db);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node seeded the bootstrap admin at the same moment; one is enough.
            }
            return;
        }
        if (string.Equals(configuration["Demo:Scenario"], "Realistic", StringComparison.OrdinalIgnoreCase))
        {
            await SeedRealisticAsync(db, scope.ServiceProvider, cancellationToken);
            return;
        }
        var owners = SeedDemo(db);
        await db.SaveChangesAsync(cancellationToken);
        await SeedDraftsAsync(scope.ServiceProvider.GetRequiredService<DeclarationWorkflow>(), owners, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void SeedBootstrapAdmin(PerfWorkflowDbContext db)
    {
        var name = configuration["Bootstrap:AdminUserName"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }
        db.Users.Add(NewUser(name, "系统管理员", UserRole.Admin, null, password));
    }

    private IReadOnlyList<(AppUser Owner, int Year)> SeedDemo(PerfWorkflowDbContext db)
    {
        db.Sections.AddRange(
            new Section { Id = "gy", Name = "工业运行科" },
            new Section { Id = "xf", Name = "消费促进科" },
            new Section { Id = "bgs", Name = "办公室" });
        var drafterGy = NewUser("drafter.gy", "张工（工业运行科）", UserRole.SectionDrafter, "gy", DemoPassword);
        var drafterXf = NewUser("drafter.xf", "李消（消费促进科）", UserRole.SectionDrafter, "xf", DemoPassword);
        db.Users.AddRange(
            drafterGy,
            NewUser("head.gy", "王科长（工业运行科）", UserRole.SectionHead, "gy", DemoPassword),
            drafterXf,
            NewUser("office", "办公室 陈主任", UserRole.Office, "bgs", DemoPassword),
            NewUser("leader", "赵局长", UserRole.BureauLeader, null, DemoPassword),
            NewUser("finance", "区财政局 刘联络员", UserRole.FinanceLiaison, null, DemoPassword),
            NewUser("admin", "系统管理员", UserRole.Admin, null, DemoPassword));

        var year = rules.Value.BudgetYear;
        var financeDue = PerfWorkflow.Workflows.Route.Calendar.ChinaTime.Today(clock).AddDays(28);
        db.BudgetCycles.Add(new BudgetCycle { Year = year, Name = $"{year}年度部门预算 绩效目标申报（一上）", FinanceDueDate = financeDue });

        return [(drafterGy, year), (drafterXf, year)];
    }

    /// <summary>Demo drafts go through the same create action as a user's, so they get versions, tasks and due dates.</summary>
    private async Task SeedDraftsAsync(DeclarationWorkflow workflow, IReadOnlyList<(AppUser Owner, int Year)> owners, CancellationToken ct)
    {
        var index = 0;
        foreach (var generated in new DeclarationGenerator(rules.Value).Generate(seed: 2024, count: 6, defectRate: 0))
        {
            var (owner, year) = owners[index++ % owners.Count];
            await workflow.CreateAsync(Actor.From(owner), year, generated.Form, ct);
        }
    }

    /// <summary>
    /// The realistic moment. Every declaration goes through the same actions a user's would (create, submit, return,
    /// accept, the package's route), so versions, tasks, audit and mails are as they would be.
    /// </summary>
    private async Task SeedRealisticAsync(PerfWorkflowDbContext db, IServiceProvider services, CancellationToken ct)
    {
        SeedDemo(db);
        db.Sections.AddRange(new Section { Id = "kj", Name = "科技创新科" }, new Section { Id = "sm", Name = "商贸流通科" });
        db.Users.AddRange(
            NewUser("drafter.kj", "孙科（科技创新科）", UserRole.SectionDrafter, "kj", DemoPassword),
            NewUser("drafter.sm", "周商（商贸流通科）", UserRole.SectionDrafter, "sm", DemoPassword));
        // Budget year and deadlines follow today: 一上 for next year is prepared now; finance wants the package in
        // 8 working days, which puts the 科室's drafting deadline a few working days behind us (overdue drafts).
        var calendar = services.GetRequiredService<PerfWorkflow.Workflows.Route.Calendar.IWorkingDayCalendar>();
        var today = PerfWorkflow.Workflows.Route.Calendar.ChinaTime.Today(clock);
        var year = today.Year + 1;
        db.BudgetCycles.RemoveRange(db.BudgetCycles.Local.ToList());
        db.BudgetCycles.Add(new BudgetCycle { Year = year - 1, Name = $"{year - 1}年度部门预算 绩效目标申报（一上）", FinanceDueDate = today.AddYears(-1) });
        db.BudgetCycles.Add(new BudgetCycle { Year = year, Name = $"{year}年度部门预算 绩效目标申报（一上）", FinanceDueDate = calendar.AddWorkingDays(today, 8) });
        await db.SaveChangesAsync(ct);

        var users = await db.Users.ToDictionaryAsync(u => u.UserName, ct);
        var workflow = services.GetRequiredService<DeclarationWorkflow>();
        var packages = services.GetRequiredService<PerfWorkflow.Workflows.Packages.PackageWorkflow>();
        Actor As(string userName) => Actor.From(users[userName]);
        string[] drafters = ["drafter.gy", "drafter.xf", "drafter.kj", "drafter.sm"];

        // Last year: four declarations through the whole route to 区财政审核通过.
        var lastYear = new DeclarationGenerator(rules.Value.ForBudgetYear(year - 1)).Generate(seed: 2023, count: 4, defectRate: 0).ToList();
        for (var i = 0; i < lastYear.Count; i++)
        {
            var created = await CreateAsync(workflow, As(drafters[i]), year - 1, lastYear[i].Form, ct);
            await ActAsync(workflow, As(drafters[i]), created, ActionNames.Submit, null, ct);
            await ActAsync(workflow, As("office"), created, ActionNames.Accept, null, ct);
        }
        foreach (var (who, action) in new[]
        {
            ("office", PerfWorkflow.Workflows.Packages.PackageWorkflow.SubmitForReview), ("leader", PerfWorkflow.Workflows.Packages.PackageWorkflow.Approve),
            ("office", PerfWorkflow.Workflows.Packages.PackageWorkflow.SubmitToFinance), ("finance", PerfWorkflow.Workflows.Packages.PackageWorkflow.Accept),
        })
        {
            Expect(await packages.ActAsync(As(who), year - 1, action, null, ct), $"{year - 1} package {action}");
        }

        // This year: ten declarations across four 科室 at every step the office meets in the busy week.
        var thisYear = new DeclarationGenerator(rules.Value.ForBudgetYear(year)).Generate(seed: 2024, count: 10, defectRate: 0).ToList();
        for (var i = 0; i < thisYear.Count; i++)
        {
            var drafter = As(drafters[i % drafters.Length]);
            var created = await CreateAsync(workflow, drafter, year, thisYear[i].Form, ct);
            switch (i % 5)
            {
                case 0 or 1: // still drafting, past the 科室's deadline
                    break;
                case 2: // waiting for the office
                    await ActAsync(workflow, drafter, created, ActionNames.Submit, null, ct);
                    break;
                case 3: // returned to the 科室 with a reason
                    await ActAsync(workflow, drafter, created, ActionNames.Submit, null, ct);
                    await ActAsync(workflow, As("office"), created, ActionNames.Return, "请在测算依据中写明单价来源，并将产出指标量化。", ct);
                    break;
                default: // consolidated into the package
                    await ActAsync(workflow, drafter, created, ActionNames.Submit, null, ct);
                    await ActAsync(workflow, As("office"), created, ActionNames.Accept, null, ct);
                    break;
            }
        }
    }

    private async Task<Guid> CreateAsync(DeclarationWorkflow workflow, Actor actor, int year, DeclarationForm form, CancellationToken ct)
    {
        var outcome = await workflow.CreateAsync(actor, year, form, ct);
        Expect(outcome, $"create {form.Code}");
        return ((ActionOutcome.Done)outcome).Declaration!.Id;
    }

    private async Task ActAsync(DeclarationWorkflow workflow, Actor actor, Guid id, string action, string? comment, CancellationToken ct) =>
        Expect(await workflow.ActAsync(actor, id, action, new ActionRequest { Comment = comment }, null, ct), $"{action} {id}");

    // Demo data that cannot be made is a bug of the demo, not a reason to stop the app: say it and go on.
    private void Expect(ActionOutcome outcome, string step)
    {
        if (outcome is not ActionOutcome.Done)
        {
            logger.LogWarning("Demo scenario: {Step} was refused: {Outcome}", step, outcome);
        }
    }

    private AppUser NewUser(string userName, string displayName, UserRole role, string? sectionId, string password)
    {
        var user = new AppUser
        {
            Id = Guid.NewGuid(),
            UserName = userName,
            DisplayName = displayName,
            Email = $"{userName}@futian.example.cn",
            Role = role,
            SectionId = sectionId,
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        return user;
    }
}
