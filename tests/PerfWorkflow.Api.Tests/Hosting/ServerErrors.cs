using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PerfWorkflow.Api.Tests.Hosting;

/// <summary>
/// The exceptions a test host logged at Error level, so that a test which got a 500 can say why: the portal's error page
/// deliberately shows no stack trace, and the host's console log is far from the failed test in a CI run.
/// </summary>
public sealed class ServerErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _logged = new();

    /// <summary>The newest logged exceptions, one line each (type, message, innermost cause, first frame), newest last.</summary>
    public string Latest(int count = 3)
    {
        var all = _logged.ToArray();
        return all.Length == 0 ? "(the host logged no exception)" : string.Join(" | ", all.Skip(Math.Max(0, all.Length - count)));
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _logged);

    public void Dispose()
    {
    }

    /// <summary>A client-side handler that turns a 500 into an exception naming what the server logged.</summary>
    public DelegatingHandler FailOnServerError() => new Handler(this);

    private static string Describe(string category, Exception error)
    {
        var inner = error;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        var frame = (inner.StackTrace ?? "").Split('\n', StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var cause = ReferenceEquals(inner, error) ? "" : $" ← {inner.GetType().Name}: {inner.Message}";
        return $"[{category}] {error.GetType().Name}: {error.Message}{cause} {frame}";
    }

    private sealed class Logger(string category, ConcurrentQueue<string> logged) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                logged.Enqueue(Describe(category, exception));
            }
        }
    }

    private sealed class Handler(ServerErrors errors) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.InternalServerError)
            {
                var what = $"{request.Method} {request.RequestUri?.PathAndQuery}";
                response.Dispose();
                throw new HttpRequestException($"{what} answered 500; the host logged: {errors.Latest()}");
            }
            return response;
        }
    }
}
