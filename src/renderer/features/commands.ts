/**
 * Every feature's commands, bound in the registry. The order here is only
 * the order the shortcuts sheet lists sections in: which key wins where two
 * overlap is each command's declared priority (`core/commands.ts`).
 */
import './settings/commands';
import './guidelines/commands';
import './datasets/commands';
import './review/commands';
import './search/commands';
import './frames/commands';
import './relations/commands';
import './network/commands';
import './reader/commands';
import './colleague/commands';
import './suggest/commands';
import './sync/commands';
import './palette/commands';
import './welcome/commands';
