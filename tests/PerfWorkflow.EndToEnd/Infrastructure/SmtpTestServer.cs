using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PerfWorkflow.EndToEnd.Infrastructure;

/// <summary>A real SMTP server in this process on a loopback port, keeping every message it accepts.</summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly CollectingStore _store = new();

    private SmtpTestServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Messages => _store.Messages;

    /// <summary>While set, the server answers every DATA with this reply (e.g. 451 to simulate a hiccup).</summary>
    public SmtpReplyCode? RefuseWith
    {
        get => _store.RefuseWith;
        set => _store.RefuseWith = value;
    }

    /// <summary>How long the server takes over each DATA before it answers, so a client crash can land mid-send.</summary>
    public TimeSpan AcceptDelay
    {
        get => _store.AcceptDelay;
        set => _store.AcceptDelay = value;
    }

    public static SmtpTestServer Start() => new(FreePort());

    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var found = _store.Messages.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No matching email reached the SMTP server within {timeout}; it has {_store.Messages.Count}.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }
        _stop.Dispose();
    }

    private sealed class CollectingStore : MessageStore
    {
        private readonly ConcurrentQueue<MimeMessage> _messages = new();

        public IReadOnlyCollection<MimeMessage> Messages => _messages;

        public SmtpReplyCode? RefuseWith { get; set; }

        public TimeSpan AcceptDelay { get; set; }

        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (RefuseWith is { } code)
            {
                return new SmtpServer.Protocol.SmtpResponse(code, "refused by the test");
            }
            if (AcceptDelay > TimeSpan.Zero)
            {
                await Task.Delay(AcceptDelay, cancellationToken);
            }
            using var stream = new MemoryStream(buffer.ToArray());
            _messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }
}
