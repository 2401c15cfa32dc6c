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
/// Embedded profile: sections, the demo users of README, the current budget cycle and a few drafts, once.
/// Production: only the bootstrap admin from configuration (Bootstrap:AdminUserName / Bootstrap:AdminPassword), once.
/// </summary>
public sealed class DemoDataSeeder(
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
