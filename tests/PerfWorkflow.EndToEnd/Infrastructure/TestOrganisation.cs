using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.EndToEnd.Infrastructure;

/// <summary>The demo organisation (科室, users of every role) seeded into a production-profile test database.</summary>
public static class TestOrganisation
{
    public const string Password = "Test#2024";

    public static IReadOnlyList<(string UserName, string DisplayName, UserRole Role, string? SectionId)> Users { get; } =
    [
        ("drafter.gy", "张工", UserRole.SectionDrafter, "gy"),
        ("head.gy", "王科长", UserRole.SectionHead, "gy"),
        ("drafter.xf", "李消", UserRole.SectionDrafter, "xf"),
        ("office", "陈主任", UserRole.Office, "bgs"),
        ("office2", "周干事", UserRole.Office, "bgs"),
        ("leader", "赵局长", UserRole.BureauLeader, null),
        ("finance", "刘联络员", UserRole.FinanceLiaison, null),
        ("admin", "管理员", UserRole.Admin, null),
    ];

    public static async Task SeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>();
        db.Sections.AddRange(
            new Section { Id = "gy", Name = "工业运行科" },
            new Section { Id = "xf", Name = "消费促进科" },
            new Section { Id = "bgs", Name = "办公室" });
        foreach (var (name, display, role, section) in Users)
        {
            var user = new AppUser { Id = Guid.NewGuid(), UserName = name, DisplayName = display, Email = name + "@t.cn", Role = role, SectionId = section };
            user.PasswordHash = hasher.HashPassword(user, Password);
            db.Users.Add(user);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Adds a budget cycle whose finance due date is <paramref name="financeDue"/>.</summary>
    public static async Task AddCycleAsync(IServiceProvider services, int year, DateOnly financeDue)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        db.BudgetCycles.Add(new BudgetCycle { Year = year, Name = $"{year}年度 绩效目标申报", FinanceDueDate = financeDue });
        await db.SaveChangesAsync();
    }
}
