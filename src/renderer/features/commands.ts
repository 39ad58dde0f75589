/**
 * Every feature's actions, declared in the registry. The order is the order
 * keys are tried in: frame-type keys come before label keys, as they always have.
 */
import './settings/commands';
import './datasets/commands';
import './review/commands';
import './search/commands';
import './frames/commands';
import './network/commands';
import './reader/commands';
import './sync/commands';
import './palette/commands';
