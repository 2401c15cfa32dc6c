using System.Text.Json;
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
        }
        else
        {
            SeedDemo(db);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (hosting.Profile == AppProfile.Production)
        {
            // Another node seeded the bootstrap admin at the same moment; one is enough.
        }
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

    private void SeedDemo(PerfWorkflowDbContext db)
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
        var now = clock.GetUtcNow();
        var financeDue = DateOnly.FromDateTime(now.UtcDateTime).AddDays(28);
        db.BudgetCycles.Add(new BudgetCycle { Year = year, Name = $"{year}年度部门预算 绩效目标申报（一上）", FinanceDueDate = financeDue });

        var generator = new DeclarationGenerator(rules.Value);
        var index = 0;
        foreach (var generated in generator.Generate(seed: 2024, count: 6, defectRate: 0))
        {
            var owner = index++ % 2 == 0 ? drafterGy : drafterXf;
            var form = generated.Form;
            var json = JsonSerializer.Serialize(form, DeclarationJson.Options);
            var id = Guid.NewGuid();
            db.Declarations.Add(new Declaration
            {
                Id = id,
                CycleYear = year,
                SectionId = owner.SectionId!,
                Stage = DeclarationStage.Draft,
                FormJson = json,
                Code = form.Code,
                Name = form.Name,
                ProjectTypeCode = form.ProjectType?.Code ?? "",
                ProjectTypeName = form.ProjectType?.Name ?? "",
                CurrentYearAmountYuan = form.CurrentYearAmountYuan ?? 0,
                CreatedAt = now,
                CreatedById = owner.Id,
                UpdatedAt = now,
                UpdatedById = owner.Id,
                UpdatedByName = owner.DisplayName,
                StageEnteredAt = now,
            });
            db.DeclarationVersions.Add(new DeclarationVersion
            {
                DeclarationId = id,
                Number = 1,
                Reason = VersionReason.Created,
                Stage = DeclarationStage.Draft,
                FormJson = json,
                Sha256 = DeclarationWorkflow.Sha256(json),
                CreatedAt = now,
                CreatedById = owner.Id,
                CreatedByName = owner.DisplayName,
            });
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
