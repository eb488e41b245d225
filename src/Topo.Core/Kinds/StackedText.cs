using Topo.Core.Planning;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>A device stacked on a parent: made with <c>ip link add NAME link PARENT ... type KIND ...</c>; a line from its parent to its namespace.</summary>
internal class StackedText<T> : DeviceText<T> where T : StackedDevice
{
    private protected override IEnumerable<string> Create(T d, ExplainContext x) => LinkCommands.CreateStacked(d, x.Mark);

    private protected override LinkEnd DeviceOf(T d) => d.Device;

    private protected override void Draw(T d, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) => draft.Stacked(d, state, interfaces);
}
