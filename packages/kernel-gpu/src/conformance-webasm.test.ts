import { describeModeConformance } from './test-support/conformance-for-mode.js';

describeModeConformance('webasm');
