using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Api.Auth;

/// <summary>
/// Gives a user a new security stamp whenever the password, role, 科室 or active flag is saved (and a first one on
/// insert), so their existing cookies stop working; after the save this node forgets what it knew of them.
/// </summary>
public sealed class UserChangeInterceptor(IServiceProvider services) : SaveChangesInterceptor
{
    private static readonly string[] SessionProperties =
        [nameof(AppUser.PasswordHash), nameof(AppUser.Role), nameof(AppUser.SectionId), nameof(AppUser.IsActive)];

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<Guid>> _changed = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ForgetChanged(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ForgetChanged(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        List<Guid>? changed = null;
        foreach (var entry in context.ChangeTracker.Entries<AppUser>())
        {
            var isNew = entry.State == EntityState.Added && string.IsNullOrEmpty(entry.Entity.SecurityStamp);
            var sessionChange = entry.State == EntityState.Modified
                && SessionProperties.Any(p => entry.Property(p).IsModified && !Equals(entry.Property(p).OriginalValue, entry.Property(p).CurrentValue));
            if (isNew || sessionChange || entry.State == EntityState.Deleted)
            {
                if (entry.State != EntityState.Deleted)
                {
                    entry.Entity.SecurityStamp = NewStamp();
                }
                (changed ??= []).Add(entry.Entity.Id);
            }
        }
        if (changed is not null)
        {
            _changed.AddOrUpdate(context, changed);
        }
    }

    private void ForgetChanged(DbContext? context)
    {
        if (context is null || !_changed.TryGetValue(context, out var changed))
        {
            return;
        }
        _changed.Remove(context);
        var sessions = services.GetService<UserSessions>();
        changed.ForEach(id => sessions?.Forget(id));
    }

    public static string NewStamp() => Guid.NewGuid().ToString("N");
}
