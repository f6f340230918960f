using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Beacon.Client.Tests.Support;

/// <summary>Keeps every log message, so tests can check that the client says what it does.</summary>
public sealed class LogCapture : ILoggerProvider, ILoggerFactory
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public bool Contains(string text) => _messages.Any(m => m.Contains(text, StringComparison.OrdinalIgnoreCase));

    public ILogger CreateLogger(string categoryName) => new Logger(_messages);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
