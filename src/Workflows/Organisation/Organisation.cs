namespace PerfWorkflow.Workflows.Organisation;

/// <summary>Roles of the route (docs/domain.md §5).</summary>
public enum UserRole
{
    /// <summary>科室经办人.</summary>
    SectionDrafter,

    /// <summary>科室负责人.</summary>
    SectionHead,

    /// <summary>办公室.</summary>
    Office,

    /// <summary>局领导.</summary>
    BureauLeader,

    /// <summary>区财政局联络.</summary>
    FinanceLiaison,

    /// <summary>系统管理员.</summary>
    Admin,
}

/// <summary>What a role may do whatever the declaration at hand: one place for the rules the pages, the API and the route share.</summary>
public static class UserRoles
{
    /// <summary>Why a 科室 cannot open the bureau package.</summary>
    public const string PackageRefusal = "全局申报包只对办公室、局领导和区财政局开放。";

    /// <summary>科室经办人 and 科室负责人: the roles bound to one 科室.</summary>
    public static bool IsSection(this UserRole role) => role is UserRole.SectionDrafter or UserRole.SectionHead;

    /// <summary>The bureau package is seen by the office, the leaders, finance and the admin, never by a 科室.</summary>
    public static bool MaySeePackage(this UserRole role) => !role.IsSection();
}

/// <summary>科室: a section of the bureau that drafts declarations.</summary>
public sealed class Section
{
    /// <summary>Short stable code, e.g. "gy" for 工业运行科.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";
}

/// <summary>A person who signs in. Passwords are stored as ASP.NET Core Identity hashes.</summary>
public sealed class AppUser
{
    public Guid Id { get; set; }

    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Email { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public UserRole Role { get; set; }

    /// <summary>The 科室 of drafters and section heads; null for bureau-wide roles.</summary>
    public string? SectionId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Changes whenever the password, role, 科室 or active flag changes; a cookie carrying an older stamp is refused (docs/security.md).</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>Wrong passwords since the last successful sign-in (lockout, docs/security.md).</summary>
    public int AccessFailedCount { get; set; }

    /// <summary>Sign-in is refused until this moment after too many wrong passwords.</summary>
    public DateTimeOffset? LockoutEnd { get; set; }
}

/// <summary>Who is acting, as the route sees it. <see cref="Ip"/> goes into the audit trail.</summary>
public sealed record Actor(Guid UserId, string Name, UserRole Role, string? SectionId, string? Ip = null)
{
    public bool IsSectionMember(string sectionId) =>
        Role.IsSection() && SectionId == sectionId;

    public bool SeesWholeBureau => Role is UserRole.Office or UserRole.BureauLeader or UserRole.Admin;

    public static Actor From(AppUser user, string? ip = null) => new(user.Id, user.DisplayName, user.Role, user.SectionId, ip);
}

/// <summary>One year's declaration round (预算年度) with its deadlines, counted in working days (docs/domain.md §5).</summary>
public sealed class BudgetCycle
{
    public int Year { get; set; }

    public string Name { get; set; } = "";

    /// <summary>区财政局's due date for the package (一上).</summary>
    public DateOnly FinanceDueDate { get; set; }

    public int DraftWorkingDays { get; set; } = 10;

    public int OfficeReviewWorkingDays { get; set; } = 5;

    public int BureauReviewWorkingDays { get; set; } = 3;

    public int SubmissionWorkingDays { get; set; } = 1;

    public int ReturnedWorkingDays { get; set; } = 2;

    public Route.Calendar.DeadlineOptions ToDeadlineOptions() => new()
    {
        FinanceDueDate = FinanceDueDate,
        DraftWorkingDays = DraftWorkingDays,
        OfficeReviewWorkingDays = OfficeReviewWorkingDays,
        BureauReviewWorkingDays = BureauReviewWorkingDays,
        SubmissionWorkingDays = SubmissionWorkingDays,
        ReturnedWorkingDays = ReturnedWorkingDays,
    };
}
