# nbconvert settings for the notebook pages (mkdocs-jupyter runs nbconvert, which reads
# this file because nn_site/notebooks/execution.py puts this folder on JUPYTER_CONFIG_PATH).
import os

from nbconvert.preprocessors import CoalesceStreamsPreprocessor

from nn_site import config as site_config
from nn_site.notebooks.limits import CheckOutputs

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

# A cell that runs longer than this fails the build (nbclient's default is no limit).
# NN_NOTEBOOK_TIMEOUT, checked by nn_site/config.py before the build starts (an
# invalid value fails the build there; it is never dropped here).

c.NotebookClient.timeout = site_config.get().notebook_timeout
c.NotebookClient.startup_timeout = 120

# Printed lines arrive in as many stream messages as the kernel happened to flush; merge
# consecutive ones after execution, so a cell's output is one block in every build.
# (nbconvert's own CoalesceStreamsPreprocessor runs before ExecutePreprocessor.)
c.HTMLExporter.default_preprocessors = [
    "nbconvert.preprocessors.TagRemovePreprocessor",
    "nbconvert.preprocessors.RegexRemovePreprocessor",
    "nbconvert.preprocessors.ClearOutputPreprocessor",
    "nbconvert.preprocessors.ExecutePreprocessor",
    CoalesceStreamsPreprocessor(enabled=True),
    CheckOutputs(enabled=True),  # nn_site/notebooks/limits.py: no traceback, bounded, plain text
    "nbconvert.preprocessors.SVG2PDFPreprocessor",
    "nbconvert.preprocessors.LatexPreprocessor",
    "nbconvert.preprocessors.HighlightMagicsPreprocessor",
    "nbconvert.preprocessors.ExtractOutputPreprocessor",
    "nbconvert.preprocessors.ExtractAttachmentsPreprocessor",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
]

# Kernels talk to the build over Unix sockets, not TCP: a sandboxed kernel has no network
# (nn_site/notebooks/kernel.py, nn_site/engine/sandbox.py).
c.KernelManager.transport = "ipc"
if os.environ.get("JUPYTER_RUNTIME_DIR"):  # absolute, so the socket paths do not depend on a cwd
    c.KernelManager.connection_file = os.path.join(os.environ["JUPYTER_RUNTIME_DIR"], f"kernel-{os.getpid()}.json")
