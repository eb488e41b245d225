namespace Topo.Bench;

/// <summary>The repeated wall times of one operation of one method at one lab size.</summary>
public sealed record Measurement(string Method, string Operation, int Nodes, List<double> Milliseconds)
{
    public double Min => Milliseconds.Min();

    public double Median
    {
        get
        {
            var sorted = Milliseconds.Order().ToList();
            var mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }
}

/// <summary>Everything one run measured, in the order it was measured.</summary>
public sealed class Results
{
    private readonly List<Measurement> _measurements = [];

    public IReadOnlyList<Measurement> Measurements => _measurements;

    /// <summary>Peak resident set size of topo, in MiB, by operation and lab size.</summary>
    public List<(string Operation, int Nodes, double MiB)> PeakRss { get; } = [];

    public void Add(string method, string operation, int nodes, TimeSpan wall)
    {
        var existing = Find(method, operation, nodes);
        if (existing is null) _measurements.Add(new Measurement(method, operation, nodes, [wall.TotalMilliseconds]));
        else existing.Milliseconds.Add(wall.TotalMilliseconds);
    }

    public Measurement? Find(string method, string operation, int nodes) =>
        _measurements.FirstOrDefault(m => m.Method == method && m.Operation == operation && m.Nodes == nodes);
}
