namespace Beacon.Client.Discovery;

/// <summary>
/// The cache of one watched service: the current <see cref="ServiceView"/> (one volatile read for a
/// resolution), swapped whole when a new version arrives. Callers that come before the first version
/// wait for it, or for the news that no node answered and no disk copy exists.
/// </summary>
internal sealed class ServiceCache(string service)
{
    private readonly Lock _lock = new();
    private volatile ServiceView? _view;
    private TaskCompletionSource<ServiceView> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Service { get; } = service;

    public ServiceView? Current => _view;

    /// <summary>Set when the service cannot be watched at all (e.g. an invalid name): resolutions throw it.</summary>
    public Exception? PermanentError { get; private set; }

    public ValueTask<ServiceView> GetAsync(CancellationToken cancellationToken)
    {
        var view = _view;
        if (view is not null)
        {
            return new ValueTask<ServiceView>(view);
        }

        Task<ServiceView> first;
        lock (_lock)
        {
            first = _first.Task;
        }

        return new ValueTask<ServiceView>(first.WaitAsync(cancellationToken));
    }

    public void Publish(ServiceView view)
    {
        ServiceView? previous;
        lock (_lock)
        {
            previous = _view;
            _view = view;
            _first.TrySetResult(view);
        }

        previous?.Supersede();
    }

    /// <summary>
    /// Tells the callers waiting for a first version that this attempt failed; later callers wait for
    /// the next attempt. Does nothing once a version is known (that version keeps being served).
    /// </summary>
    public void FailWaiters(Exception error, bool permanent = false)
    {
        lock (_lock)
        {
            if (permanent)
            {
                PermanentError = error;
            }

            if (_view is not null)
            {
                return;
            }

            var failed = _first;
            _first = new TaskCompletionSource<ServiceView>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (permanent)
            {
                _first.TrySetException(error);
            }

            failed.TrySetException(error);
        }
    }
}
